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
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response('bad request', { status: 400 });
  }
  return withoutControlCharacters(form);
}

/**
 * Control characters other than tab and line breaks: nobody types them, PostgreSQL refuses
 * NUL in text (a 500 before issue 15), and the others would only end up in mails and files.
 */
const CONTROL = /[^\P{Cc}\t\n\r]/u;
const CONTROLS = /[^\P{Cc}\t\n\r]/gu;

/**
 * Every text field of every form without control characters: stripped here, once, rather
 * than in each of the many form schemas (a field's own rules then see what is stored).
 * Uploaded files are left as they are.
 */
export function withoutControlCharacters(form: FormData): FormData {
  const dirty = [...form.entries()].some(
    ([key, value]) => CONTROL.test(key) || (typeof value === 'string' && CONTROL.test(value)),
  );
  if (!dirty) return form;
  const clean = new FormData();
  for (const [key, value] of form.entries()) {
    clean.append(key.replace(CONTROLS, ''), typeof value === 'string' ? value.replace(CONTROLS, '') : value);
  }
  return clean;
}
