-- CreateTable
CREATE TABLE "DriftCheck" (
    "projectId" UUID NOT NULL,
    "projectName" TEXT NOT NULL,
    "claimedAt" TIMESTAMPTZ(3),
    "checkedAt" TIMESTAMPTZ(3),
    "findings" JSONB NOT NULL DEFAULT '[]',
    "findingCount" INTEGER NOT NULL DEFAULT 0,
    "since" TIMESTAMPTZ(3),
    "failure" TEXT,
    "failedAt" TIMESTAMPTZ(3),

    CONSTRAINT "DriftCheck_pkey" PRIMARY KEY ("projectId")
);

-- CreateIndex
CREATE INDEX "DriftCheck_claimedAt_idx" ON "DriftCheck"("claimedAt");

-- AddForeignKey
ALTER TABLE "DriftCheck" ADD CONSTRAINT "DriftCheck_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
