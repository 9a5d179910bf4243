/** `NetworkingConfig` (v1.45): which networks to join at creation, and how. */
import { z } from 'zod';
import { ENGINE_SET_ENDPOINT_FIELDS } from '../../containers/endpoint-fields.js';
import { NAME_CHARS, PATH_CHARS, VALUE_CHARS } from '../../containers/inputs.js';
import { refuseKeys } from '../../mcp/validation.js';

const ENGINE_SETS =
  'is assigned by the engine when the container joins the network; read it with container_inspect';

const endpointSettings = refuseKeys(
  z
    .strictObject({
      IPAMConfig: z
        .strictObject({
          IPv4Address: z
            .string()
            .max(NAME_CHARS)
            .optional()
            .describe('Fixed IPv4 address on this network'),
          IPv6Address: z
            .string()
            .max(NAME_CHARS)
            .optional()
            .describe('Fixed IPv6 address on this network'),
          LinkLocalIPs: z
            .array(z.string().max(NAME_CHARS))
            .optional()
            .describe('Link-local addresses'),
        })
        .nullable()
        .optional()
        .describe('Fixed addresses (user-defined networks only)'),
      Links: z.array(z.string().max(PATH_CHARS)).optional().describe('Legacy links "name:alias"'),
      MacAddress: z
        .string()
        .max(NAME_CHARS)
        .optional()
        .describe('MAC address on this network (API 1.44+; older engines use body.MacAddress)'),
      Aliases: z
        .array(z.string().max(NAME_CHARS))
        .optional()
        .describe('Extra DNS names on this network'),
      DriverOpts: z
        .record(z.string(), z.string().max(VALUE_CHARS))
        .nullable()
        .optional()
        .describe('Network driver options'),
    })
    .describe('How to join this network; {} for the defaults'),
  Object.fromEntries(
    ENGINE_SET_ENDPOINT_FIELDS.map((key) => [
      key,
      `${ENGINE_SETS}${key === 'IPAddress' ? '; to ask for an address use IPAMConfig.IPv4Address' : ''}`,
    ]),
  ),
);

export const networkingConfig = z
  .strictObject({
    EndpointsConfig: z
      .record(z.string().min(1).max(NAME_CHARS), endpointSettings)
      .optional()
      .describe(
        'Networks by name: {"my-net": {"Aliases": ["db"]}}. Engines before API 1.44 take one network here; connect others after creation',
      ),
  })
  .describe('Networks to connect at creation (besides HostConfig.NetworkMode)');
