import { describe, expect, it } from 'vitest';
import { Gate } from './gate';

describe('Gate', () => {
  it('serves up to its concurrency, lines up to its queue, and refuses the rest at once', async () => {
    const gate = new Gate(2, 1);
    const signal = new AbortController().signal;
    const a = await gate.enter(signal);
    const b = await gate.enter(signal);
    expect(gate.inFlight).toBe(2);
    const waiting = gate.enter(signal);
    expect(gate.queued).toBe(1);
    expect(await gate.enter(signal)).toBe('full');
    if (typeof a === 'object') a.release();
    const c = await waiting;
    expect(typeof c).toBe('object');
    expect(gate.inFlight).toBe(2);
    expect(gate.queued).toBe(0);
    if (typeof b === 'object') b.release();
    if (typeof c === 'object') c.release();
    expect(gate.inFlight).toBe(0);
  });

  it('lets a request whose deadline passed leave the line, and never hands it a turn', async () => {
    const gate = new Gate(1, 5);
    const first = await gate.enter(new AbortController().signal);
    const deadline = new AbortController();
    const waiting = gate.enter(deadline.signal);
    deadline.abort();
    expect(await waiting).toBe('aborted');
    expect(gate.queued).toBe(0);
    if (typeof first === 'object') first.release();
    expect(gate.inFlight).toBe(0);
  });

  it('counts a release once, however often it is called', async () => {
    const gate = new Gate(1, 0);
    const turn = await gate.enter(new AbortController().signal);
    if (typeof turn !== 'object') throw new Error('no turn');
    turn.release();
    turn.release();
    expect(gate.inFlight).toBe(0);
  });
});
