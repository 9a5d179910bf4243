/**
 * Container changes to 2026-07-28 clients, over subscriptions/listen: the resource change
 * feed (resources/changes.ts) reaches a stdio connection through its server (the SDK routes
 * the notifications onto the connection's open streams), and HTTP clients through the
 * handler's event bus, which this wraps so that the engines' event streams are open only
 * while some client listens.
 */
import {
  InMemoryServerEventBus,
  type Server,
  type ServerEvent,
  type ServerEventBus,
} from '@modelcontextprotocol/server';
import type { Logger } from '../log.js';
import type { ContainerChanges } from '../resources/changes.js';

/** Feed `server`'s connection (a 2026-07-28 stdio client) until the server closes. */
export function feedConnection(server: Server, changes: ContainerChanges, log: Logger): void {
  const detach = changes.attach({
    updated: (uri) => send(() => server.sendResourceUpdated({ uri })),
    listChanged: () => send(() => server.sendResourceListChanged()),
  });
  const send = (notify: () => Promise<void>): void => {
    notify().catch((error: unknown) => log.debug('change notification not delivered', error));
  };
  const closed = server.onclose;
  server.onclose = () => {
    detach();
    closed?.();
  };
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
