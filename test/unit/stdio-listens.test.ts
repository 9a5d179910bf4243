/**
 * Whether a stdio client listens for resource changes, as read off the wire: a listen is open
 * from the entry's acknowledgement to the client's cancel, the entry's last word on it, or
 * the end of the connection; only listens for resource changes count.
 */
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { ResourceListens } from '../../src/transports/stdio-listens.js';

const SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';

const ack = (id: string | number, notifications: Record<string, unknown>): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/subscriptions/acknowledged',
  params: { notifications, _meta: { [SUBSCRIPTION_ID]: id } },
});
const cancel = (requestId: string | number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  method: 'notifications/cancelled',
  params: { requestId },
});
const finalResult = (id: string | number): JSONRPCMessage => ({
  jsonrpc: '2.0',
  id,
  result: { resultType: 'complete' },
});

function watched(): { listens: ResourceListens; changes: boolean[] } {
  const changes: boolean[] = [];
  return { listens: new ResourceListens((listening) => changes.push(listening)), changes };
}

describe('ResourceListens', () => {
  it('opens with the first resource listen and closes after the last, by cancel or final result', () => {
    const { listens, changes } = watched();
    listens.outbound(ack(1, { resourcesListChanged: true }));
    listens.outbound(ack('two', { resourceSubscriptions: ['container://web/'] }));
    expect(changes).toEqual([true]);
    listens.inbound(cancel(1));
    expect(changes).toEqual([true]);
    listens.outbound(finalResult('two'));
    expect(changes).toEqual([true, false]);
  });

  it('ignores listens for other changes, other requests ending, and unknown cancels', () => {
    const { listens, changes } = watched();
    listens.outbound(ack(1, {}));
    listens.outbound(ack(2, { toolsListChanged: true, resourceSubscriptions: [] }));
    listens.inbound(cancel(3));
    listens.outbound(finalResult(4));
    expect(changes).toEqual([]);
    listens.outbound(ack(5, { resourcesListChanged: true }));
    listens.outbound(finalResult('5')); // another id: "5" is not 5
    listens.inbound(cancel(5));
    listens.inbound(cancel(5));
    expect(changes).toEqual([true, false]);
  });

  it('ends every listen with the connection', () => {
    const { listens, changes } = watched();
    listens.closed();
    listens.outbound(ack(1, { resourcesListChanged: true }));
    listens.outbound(ack(2, { resourcesListChanged: true }));
    listens.closed();
    listens.closed();
    expect(changes).toEqual([true, false]);
  });
});
