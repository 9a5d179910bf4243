/**
 * Whether a stdio client is listening for resource changes right now, read off the wire.
 *
 * The SDK's stdio entry serves subscriptions/listen itself and tells the server nothing of
 * it, so without this the server would have to follow the engines' events for as long as a
 * 2026-07-28 client is connected, listening or not (one open engine request per engine for
 * the life of every Claude Code session). A subscription opens with the entry's
 * acknowledgement (which carries its id and the filter honoured), and ends with the
 * client's cancel, the entry's final result for its id, or the connection's end.
 */
import {
  SUBSCRIPTION_ID_META_KEY,
  type JSONRPCMessage,
  type SubscriptionFilter,
} from '@modelcontextprotocol/server';

/** What the transport tells a wire observer. */
export interface WireObserver {
  inbound(message: JSONRPCMessage): void;
  outbound(message: JSONRPCMessage): void;
  closed(): void;
}

type Id = string | number;

export class ResourceListens implements WireObserver {
  private readonly open = new Set<Id>();

  /** `onChange(true)` when the first such subscription opens, `(false)` after the last. */
  constructor(private readonly onChange: (listening: boolean) => void) {}

  inbound(message: JSONRPCMessage): void {
    if (!('method' in message) || message.method !== 'notifications/cancelled') return;
    const id = (message.params as { requestId?: unknown } | undefined)?.requestId;
    if (typeof id === 'string' || typeof id === 'number') this.end(id);
  }

  outbound(message: JSONRPCMessage): void {
    if ('method' in message) {
      if (message.method !== 'notifications/subscriptions/acknowledged') return;
      const params = message.params as
        { notifications?: SubscriptionFilter; _meta?: Record<string, unknown> } | undefined;
      const id = params?._meta?.[SUBSCRIPTION_ID_META_KEY];
      if (
        (typeof id === 'string' || typeof id === 'number') &&
        wantsResources(params?.notifications)
      )
        this.begin(id);
      return;
    }
    // The last word on a listen request (its graceful close, or an error) ends it.
    if ('id' in message && message.id !== undefined && message.id !== null) this.end(message.id);
  }

  closed(): void {
    if (this.open.size === 0) return;
    this.open.clear();
    this.onChange(false);
  }

  private begin(id: Id): void {
    if (this.open.has(id)) return;
    this.open.add(id);
    if (this.open.size === 1) this.onChange(true);
  }

  private end(id: Id): void {
    if (this.open.delete(id) && this.open.size === 0) this.onChange(false);
  }
}

function wantsResources(filter: SubscriptionFilter | undefined): boolean {
  return filter?.resourcesListChanged === true || (filter?.resourceSubscriptions?.length ?? 0) > 0;
}
