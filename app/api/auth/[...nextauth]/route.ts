import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

// next-auth's sign-in, callback and CSRF endpoints. Options are built per call so configuration stays lazy.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
