import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An ALTCHA challenge as the server hands it to the page. Declared here rather than in the
 * server module so route components can import it without pulling server code into the
 * client bundle.
 */
export interface AltchaChallenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

// Enough digests per round to keep the number of round trips low, few enough that the
// page still answers input between rounds.
const BATCH_SIZE = 500;

const encoder = new TextEncoder();

function toHex(buffer: ArrayBuffer): string {
  let hex = '';
  for (const byte of new Uint8Array(buffer)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

async function findNumber(challenge: AltchaChallenge, signal?: AbortSignal): Promise<number | null> {
  for (let start = 0; start <= challenge.maxnumber; start += BATCH_SIZE) {
    if (signal?.aborted) return null;
    const end = Math.min(start + BATCH_SIZE - 1, challenge.maxnumber);
    const digests = [];
    for (let n = start; n <= end; n++) {
      digests.push(crypto.subtle.digest(challenge.algorithm, encoder.encode(challenge.salt + n)));
    }
    // The digests resolve as separate tasks, so the browser handles input between rounds
    // without a Web Worker (which the CSP wouldn't allow from a blob: URL anyway).
    const hashes = await Promise.all(digests);
    const found = hashes.findIndex((hash) => toHex(hash) === challenge.challenge);
    if (found >= 0) return start + found;
  }
  return null;
}

/**
 * Searches the number the server hashed and returns the base64 payload for the `altcha`
 * field, or null when the search was aborted or came up empty.
 */
export async function solveChallenge(
  challenge: AltchaChallenge,
  signal?: AbortSignal,
): Promise<string | null> {
  const number = await findNumber(challenge, signal);
  if (number === null || signal?.aborted) return null;
  const { algorithm, salt, signature } = challenge;
  return btoa(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature }));
}

type Status = 'idle' | 'working' | 'done' | 'failed';

/**
 * The proof of work for a public form. Solved only once JavaScript runs; without it the
 * field stays empty and the server asks for confirmation by e-mail instead.
 */
export function AltchaField({ challenge }: { challenge: AltchaChallenge | null }) {
  const { t } = useTranslation('counselling');
  const [solution, setSolution] = useState('');
  const [status, setStatus] = useState<Status>('idle');

  useEffect(() => {
    if (!challenge) return;
    const controller = new AbortController();
    setSolution('');
    setStatus('working');
    solveChallenge(challenge, controller.signal)
      .then((payload) => {
        if (controller.signal.aborted) return;
        setSolution(payload ?? '');
        setStatus(payload ? 'done' : 'failed');
      })
      // crypto.subtle is missing outside a secure context; the e-mail fallback covers that.
      .catch(() => {
        if (!controller.signal.aborted) setStatus('failed');
      });
    return () => controller.abort();
  }, [challenge]);

  if (!challenge) return null;
  const statusText: Record<Status, string> = {
    idle: '',
    working: t('booking.altcha.working'),
    done: t('booking.altcha.done'),
    failed: t('booking.altcha.failed'),
  };
  return (
    <>
      <input type="hidden" name="altcha" value={solution} />
      {/* Present from the first render, so screen readers announce the text once it changes. */}
      <p className="kern-body kern-body--small" role="status">
        {statusText[status]}
      </p>
    </>
  );
}
