/** Engine-wide facts the policy reads: the default runtime, a network's driver. */
import { endpoint } from '../endpoint.js';

/** GET /info: `DefaultRuntime`, among much else. */
export const engineInfo = endpoint({ method: 'GET', path: '/info', expect: [200] });

/** GET /networks/{id}: by name or id; `Driver` is "host" for the host's own network. */
export const inspectNetwork = endpoint({ method: 'GET', path: '/networks/{id}', expect: [200] });
