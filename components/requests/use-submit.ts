"use client";

import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { submitRequest } from "@/lib/actions/submit-request";

export interface FormState {
  /** the request was made; the page is on its way to it */
  done?: boolean;
  error?: string;
  fieldErrors?: Record<string, string[]>;
}

/** Submits a request form through the server action; on success opens the new request's page. */
export function useSubmitRequest() {
  const router = useRouter();
  return useActionState(async (_prev: FormState, form: FormData): Promise<FormState> => {
    const res = await submitRequest(form);
    if (res.ok) {
      router.push(`/requests/${res.data.id}`);
      return { done: true };
    }
    return { error: res.error, fieldErrors: res.fieldErrors };
  }, {});
}
