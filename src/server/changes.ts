/**
 * Container changes to 2026-07-28 clients, over subscriptions/listen: the resource change
 * feed (resources/changes.ts) reaches a stdio connection through its server (the SDK routes
 * the notifications onto the connection's open streams), and HTTP clients through the
 * handler's event bus. Either way the engines' event streams are open only while some
 * client listens.
 */
import {
  InMemoryServerEventBus,
  type Server,
  type ServerEvent,
  type ServerEventBus,
} from '@modelcontextprotocol/server';
import type { Logger } from '../log.js';
import type { ContainerChanges } from '../resources/changes.js';

/**
 * A stdio connection's feed: the server of a 2026-07-28 client, fed while the client listens
 * (the transport says when), so that no engine events stream is open for a client that is
 * connected but does not listen.
 */
export class ConnectionFeed {
  private server: Server | undefined;
  private detach: (() => void) | undefined;

  constructor(
    private readonly changes: ContainerChanges,
    private readonly log: Logger,
  ) {}

  /** The connection's server (a 2026-07-28 one); fed from the client's first listen. */
  serve(server: Server): void {
    this.server = server;
    const closed = server.onclose;
    server.onclose = () => {
      this.listening(false);
      closed?.();
    };
  }

  listening(active: boolean): void {
    const server = this.server;
    if (active && server && !this.detach)
      this.detach = this.changes.attach({
        updated: (uri) => this.send(() => server.sendResourceUpdated({ uri })),
        listChanged: () => this.send(() => server.sendResourceListChanged()),
      });
    if (!active) {
      this.detach?.();
      this.detach = undefined;
    }
  }

  private send(notify: () => Promise<void>): void {
    notify().catch((error: unknown) => this.log.debug('change notification not delivered', error));
  }
}

/** The HTTP handler's bus: listening streams subscribe to it; the first one opens the feed. */
export function changeBus(changes: ContainerChanges, log: Logger): ServerEventBus {
  const inner = new InMemoryServerEventBus((error) => log.debug('change listener failed', error));
  let listeners = 0;
  let detach: (() => void) | undefined;
  return {
    publish: (event: ServerEvent) => inner.publish(event),
    subscribe(listener) {
      const unsubscribe = inner.subscribe(listener);
      listeners += 1;
      detach ??= changes.attach({
        updated: (uri) => inner.publish({ kind: 'resource_updated', uri }),
        listChanged: () => inner.publish({ kind: 'resources_list_changed' }),
      });
      let live = true;
      return () => {
        if (!live) return;
        live = false;
        unsubscribe();
        listeners -= 1;
        if (listeners === 0) {
          detach?.();
          detach = undefined;
        }
      };
    },
  };
}
