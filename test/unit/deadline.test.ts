/**
 * deadlineSignal's deadline comes even after a garbage collection, under AbortSignal.any and
 * with listeners: the case in which Node 20 loses a signal from AbortSignal.timeout.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { deadlineSignal } from '../../src/engine/deadline.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('aborts at its deadline under AbortSignal.any after a garbage collection', async () => {
  const caller = new AbortController();
  const signal = AbortSignal.any([caller.signal, deadlineSignal(100)]);
  let heard: unknown;
  signal.addEventListener('abort', () => {
    heard = signal.reason as unknown;
  });
  for (let round = 0; round < 5; round++) {
    gc();
    await sleep(5);
  }
  await sleep(300);
  expect(signal.aborted).toBe(true);
  expect(heard).toMatchObject({ name: 'TimeoutError' });
});

it('aborts alone, with the reason AbortSignal.timeout gives', async () => {
  const signal = deadlineSignal(20);
  expect(signal.aborted).toBe(false);
  await sleep(100);
  expect(signal.reason).toBeInstanceOf(DOMException);
  expect(signal.reason).toMatchObject({ name: 'TimeoutError' });
});
