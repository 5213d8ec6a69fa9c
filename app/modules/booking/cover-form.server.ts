import { parseWithZod } from '@conform-to/zod';
import { data } from '@remix-run/node';
import type { z } from 'zod';
import { type FormReply, invalidFormOf, type PageFormResult } from '../../utils/forms.server';
import { BookingError } from './booking.server';
import { CoverChanged, type CoveredAppointment, ResolutionFailed } from './staff.server';

/**
 * The two steps of entering an absence (counsellor) or a closure day (admin) that covers
 * booked appointments, shared by both pages: the first send lists the covered
 * appointments with their choices; the second (`decided=1`) carries a decision for each,
 * and the module saves the cover and the decisions together or not at all. Errors show
 * the list again (fresh: who is free may have changed) with the form's answers kept.
 */
export interface CoverResult {
  which: 'cover';
  /** The form this step belongs to ("addException", "closure"). */
  for: string;
  covered: CoveredAppointment[];
  /** The cover's own values, sent again as hidden fields. */
  hidden: Record<string, string | undefined>;
  reply?: FormReply;
  /** The covered appointments changed between the list and the decisions. */
  changed?: boolean;
}

export type CoverPageResult = PageFormResult | CoverResult;

function coverData(result: Omit<CoverResult, 'which'>, status: number) {
  return data<CoverPageResult>({ which: 'cover', ...result }, { status });
}

/** The form without the decisions: the cover's own values, to list the appointments again. */
function withoutDecisions(form: FormData): FormData {
  const out = new FormData();
  for (const [k, v] of form.entries()) if (!k.startsWith('resolutions[') && k !== 'decided') out.append(k, v);
  return out;
}

export async function handleCover<S extends z.ZodTypeAny>(
  form: FormData,
  options: {
    schema: S;
    which: string;
    hiddenOf: (v: z.infer<S>) => Record<string, string | undefined>;
    list: (v: z.infer<S>) => Promise<CoveredAppointment[]>;
    save: (v: z.infer<S>) => Promise<{ saved: true } | { saved: false; covered: CoveredAppointment[] }>;
  },
) {
  const submission = parseWithZod(form, { schema: options.schema });
  if (submission.status !== 'success') {
    if (form.get('decided') !== '1') return invalidFormOf(options.which, submission.reply());
    const base = parseWithZod(withoutDecisions(form), { schema: options.schema });
    if (base.status !== 'success') return invalidFormOf(options.which, base.reply());
    return coverData(
      {
        for: options.which,
        covered: await options.list(base.value),
        hidden: options.hiddenOf(base.value),
        reply: submission.reply(),
      },
      400,
    );
  }
  const value = submission.value as z.infer<S>;
  try {
    const outcome = await options.save(value);
    // Saved: the form's own "saved" answer, emptied for the next entry (conform drops
    // the errors of an earlier attempt).
    if (outcome.saved)
      return data<CoverPageResult>({
        ...submission.reply({ resetForm: true }),
        status: 'success',
        which: options.which,
      });
    return coverData({ for: options.which, covered: outcome.covered, hidden: options.hiddenOf(value) }, 200);
  } catch (error) {
    if (error instanceof CoverChanged)
      return coverData(
        {
          for: options.which,
          covered: await options.list(value),
          hidden: options.hiddenOf(value),
          changed: true,
        },
        409,
      );
    if (error instanceof ResolutionFailed) {
      // The error goes to the choice of the appointment that failed.
      const idKey = [...form.keys()]
        .filter((k) => /^resolutions\[\d+\]\.id$/.test(k))
        .find((k) => String(form.get(k)) === String(error.appointmentId));
      const message = `counselling:staff.errors.failed_${error.reason === 'slot_taken' ? 'taken' : 'other'}`;
      return coverData(
        {
          for: options.which,
          covered: await options.list(value),
          hidden: options.hiddenOf(value),
          reply: submission.reply(
            idKey
              ? { fieldErrors: { [idKey.replace(/\.id$/, '.action')]: [message] } }
              : { formErrors: [message] },
          ),
        },
        409,
      );
    }
    if (error instanceof BookingError)
      return coverData(
        {
          for: options.which,
          covered: await options.list(value),
          hidden: options.hiddenOf(value),
          reply: submission.reply({ formErrors: ['counselling:booking.errors.unexpected'] }),
        },
        409,
      );
    throw error;
  }
}
