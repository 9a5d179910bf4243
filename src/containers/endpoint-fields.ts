/**
 * The fields of a network endpoint (v1.45 `EndpointSettings`) that the engine fills in when
 * a container joins the network: create's schema refuses them with a hint, and the settings
 * table classifies them (a body cannot carry them).
 */
export const ENGINE_SET_ENDPOINT_FIELDS = [
  'NetworkID',
  'EndpointID',
  'Gateway',
  'IPAddress',
  'IPPrefixLen',
  'IPv6Gateway',
  'GlobalIPv6Address',
  'GlobalIPv6PrefixLen',
  'DNSNames',
] as const;
