-- The approvers of a grant, kept on the grant itself (ADR 025). A grant is made in the transaction that records its
-- request's last approval, so the list is complete when the row is inserted, and it never changes afterwards.
-- Exports and the grant history read this column instead of aggregating the approvals of every grant again: that
-- aggregate was about 60% of the grant export's PostgreSQL time. The Approval rows stay the record; this is a copy.
ALTER TABLE "Grant" ADD COLUMN "approvers" JSON NOT NULL DEFAULT '[]';

-- The list as the exports have always written it: [{"id", "name", "at" (ISO 8601, UTC, milliseconds)}], in approval
-- order. json (not jsonb) keeps this exact text, so files stay byte-identical to those made before.
CREATE FUNCTION grant_approvers(request UUID) RETURNS JSON LANGUAGE sql STABLE AS $$
  SELECT coalesce(json_agg(json_build_object('id', a."approverId", 'name', a."approverName", 'at', to_char(a."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
           ORDER BY a."createdAt", a."approverId"), '[]'::json)
  FROM "Approval" a WHERE a."requestId" = request AND a.decision = 'APPROVE'
$$;

UPDATE "Grant" g SET "approvers" = grant_approvers(g."requestId");

-- Filled on insert whatever the caller wrote; refused on update (the evidence of who approved does not move).
CREATE FUNCTION grant_approvers_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW."approvers" := grant_approvers(NEW."requestId");
  ELSIF NEW."approvers"::text IS DISTINCT FROM OLD."approvers"::text OR NEW."requestId" IS DISTINCT FROM OLD."requestId" THEN
    RAISE EXCEPTION 'a grant''s request and approvers are fixed when it is made (grant %)', OLD.id USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER grant_approvers BEFORE INSERT OR UPDATE ON "Grant" FOR EACH ROW EXECUTE FUNCTION grant_approvers_guard();
