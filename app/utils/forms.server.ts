import type { SubmissionResult } from '@conform-to/react';
import { type AppLoadContext, data } from '@remix-run/node';
import { i18nServer } from '../i18next.server';
import { baseUrlOf } from './http.server';

/** What account actions pass to modules: the client IP (hashed there), links' base, the language. */
export async function requestMeta(request: Request, context: AppLoadContext) {
  return { ip: context.clientIp, baseUrl: baseUrlOf(request), locale: await i18nServer.getLocale(request) };
}

export type FormReply = SubmissionResult<string[]> & { retryAfter?: number };

/** The form again with its errors: 400, or 429 with Retry-After when throttled. */
export function invalidForm(reply: SubmissionResult<string[]>, status = 400) {
  return data<FormReply>(reply, { status });
}

/**
 * Pages with several forms (set-up pages) tag each answer with the form it belongs to,
 * so only that form shows its errors or its "saved".
 */
export type PageFormResult = (FormReply & { which: string }) | { which: string; done: true };

export function invalidFormOf(which: string, reply: SubmissionResult<string[]>, status = 400) {
  return data<PageFormResult>({ ...reply, which }, { status });
}

export function formDone(which: string) {
  return data<PageFormResult>({ which, done: true });
}

export function throttledForm(reply: SubmissionResult<string[]>, retryAfter: number) {
  return data<FormReply>(
    { ...reply, retryAfter },
    { status: 429, headers: { 'Retry-After': String(retryAfter) } },
  );
}

/**
 * The submitted form. A body that isn't a form (wrong Content-Type, cut off) is the
 * client's mistake: 400, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response('bad request', { status: 400 });
  }
}
