import { createChallenge } from 'altcha-lib';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.server';
import { solveChallenge } from '../../components/altcha-field';
import { checkSolution, makeChallenge, verifyAltcha } from './altcha.server';

const key = 'test-key';
// Small, so each test solves in a few milliseconds.
const maxNumber = 2_000;

function decode(payload: string) {
  return JSON.parse(atob(payload)) as Record<string, unknown>;
}

function encode(value: unknown) {
  return btoa(JSON.stringify(value));
}

async function solved(options: { expires?: Date } = {}) {
  const payload = await solveChallenge(await makeChallenge(key, { maxNumber, ...options }));
  expect(payload).not.toBeNull();
  return payload!;
}

describe('ALTCHA', () => {
  it('issues a SHA-256 challenge that expires in the salt', async () => {
    const challenge = await makeChallenge(key);
    expect(challenge.algorithm).toBe('SHA-256');
    expect(challenge.maxnumber).toBe(50_000);
    const expires = Number(new URLSearchParams(challenge.salt.split('?')[1]).get('expires'));
    expect(expires * 1000 - Date.now()).toBeGreaterThan(19 * 60_000);
    expect(expires * 1000 - Date.now()).toBeLessThanOrEqual(20 * 60_000);
  });

  it('accepts the browser’s solution', async () => {
    expect(await checkSolution(key, await solved())).toBe(true);
  });

  it('refuses a tampered number', async () => {
    const payload = decode(await solved());
    expect(await checkSolution(key, encode({ ...payload, number: (payload.number as number) + 1 }))).toBe(
      false,
    );
  });

  it('refuses a challenge signed with another key', async () => {
    expect(await checkSolution('another-key', await solved())).toBe(false);
  });

  it('refuses an expired challenge', async () => {
    expect(await checkSolution(key, await solved({ expires: new Date(Date.now() - 1000) }))).toBe(false);
  });

  it('refuses a signed challenge without an expiry, which we never issue', async () => {
    const challenge = await createChallenge({ hmacKey: key, maxNumber });
    const payload = await solveChallenge({ ...challenge, maxnumber: maxNumber });
    expect(await checkSolution(key, payload!)).toBe(false);
  });

  it('refuses another algorithm than SHA-256', async () => {
    const challenge = await createChallenge({
      algorithm: 'SHA-1',
      hmacKey: key,
      maxNumber,
      expires: new Date(Date.now() + 60_000),
    });
    const payload = await solveChallenge({ ...challenge, maxnumber: maxNumber });
    expect(await checkSolution(key, payload!)).toBe(false);
  });

  it('answers garbage with false instead of throwing', async () => {
    const payload = decode(await solved());
    const garbage = [
      '%%%not base64%%%',
      btoa('not json'),
      encode(null),
      encode(42),
      encode({ ...payload, number: 'x' }),
      encode({ ...payload, salt: undefined }),
      encode({ ...payload, algorithm: 'MD5' }),
      'A'.repeat(5_000),
    ];
    for (const g of garbage) expect(await checkSolution(key, g), g).toBe(false);
  });

  it('gives up when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await solveChallenge(await makeChallenge(key, { maxNumber }), controller.signal)).toBeNull();
  });

  it('answers an empty field as missing without asking the database', async () => {
    const db = {} as Db;
    expect(await verifyAltcha(db, undefined)).toBe('missing');
    expect(await verifyAltcha(db, null)).toBe('missing');
    expect(await verifyAltcha(db, ' ')).toBe('missing');
  });
});
