import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function PortalNotFound() {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white px-6 py-10 text-center">
      <h1 className="text-xl font-semibold text-slate-900">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">That page does not exist, or it is not visible to you. Projects and grants are shown to their owner groups, approvers and auditors.</p>
      <div className="mt-5 flex justify-center gap-2">
        <Link href="/projects" className={buttonClass("secondary")}>Projects</Link>
        <Link href="/" className={buttonClass()}>Home</Link>
      </div>
    </div>
  );
}
