import { describe, expect, it } from "vitest";
import { demoPrincipal } from "../../dev/idp/users";
import { reviewerStanding, type ItemReviewers } from "./reviewers";

const alice = demoPrincipal("alice", { id: "sub-alice" });
const bob = demoPrincipal("bob", { id: "sub-bob" });
const carol = demoPrincipal("carol", { id: "sub-carol" });
const group: ItemReviewers = { subjectType: "GROUP", subjectName: "qa-team", reviewerGroup: "finance-devs", routedAt: null, escalatedAt: null, excludedIds: [] };
const robot: ItemReviewers = { subjectType: "ROBOT", subjectName: "deploy", reviewerGroup: "finance-devs", routedAt: null, escalatedAt: null, excludedIds: ["sub-alice"] };

describe("reviewerStanding", () => {
  it("makes the owner group's team leads the reviewers, and nobody else while the item is not routed", () => {
    expect(reviewerStanding(alice, group)).toEqual({ may: true, as: "owner" });
    expect(reviewerStanding(bob, group)).toEqual({ may: false, why: "not-reviewer" });
    expect(reviewerStanding(carol, group)).toEqual({ may: false, why: "not-reviewer" });
  });

  it("needs the requester role as well as the owner group: a member of finance-devs without a Berth role is no reviewer", () => {
    const developer = demoPrincipal("alice", { id: "sub-dev", groups: ["finance-devs"] });
    expect(reviewerStanding(developer, group)).toEqual({ may: false, why: "not-reviewer" });
  });

  it("never lets the requester of a robot certify it, and lets the approvers decide it once routed to them", () => {
    expect(reviewerStanding(alice, robot)).toMatchObject({ may: false, why: "excluded", as: "owner" });
    expect(reviewerStanding(bob, robot)).toEqual({ may: false, why: "not-reviewer" });
    const routed = { ...robot, routedAt: new Date() };
    expect(reviewerStanding(bob, routed)).toEqual({ may: true, as: "fallback" });
    expect(reviewerStanding(alice, routed)).toMatchObject({ may: false, why: "excluded" });
  });

  it("never lets a member of the group certify the group's access, whichever way they review", () => {
    const member = demoPrincipal("alice", { id: "sub-alice", groups: ["team-leads", "finance-devs", "qa-team"] });
    expect(reviewerStanding(member, group)).toMatchObject({ may: false, why: "member", as: "owner" });
    const adminMember = demoPrincipal("bob", { id: "sub-bob", groups: ["registry-admins", "qa-team"] });
    expect(reviewerStanding(adminMember, { ...group, escalatedAt: new Date() })).toMatchObject({ may: false, why: "member", as: "fallback" });
  });

  it("gives escalated items and campaigns without an owner group to the approvers", () => {
    expect(reviewerStanding(bob, { ...group, escalatedAt: new Date() })).toEqual({ may: true, as: "fallback" });
    expect(reviewerStanding(bob, { ...group, reviewerGroup: null })).toEqual({ may: true, as: "fallback" });
    expect(reviewerStanding(alice, { ...group, reviewerGroup: null })).toEqual({ may: false, why: "not-reviewer" });
  });
});
