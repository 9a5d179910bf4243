/** Container endpoints for reading state: list and inspect. */
import { endpoint } from '../endpoint.js';

export const listContainers = endpoint({ method: 'GET', path: '/containers/json', expect: [200] });

export const inspectContainer = endpoint({
  method: 'GET',
  path: '/containers/{id}/json',
  expect: [200],
});
