/**
 * The v1.45 `ContainerCreateRequest`: ContainerConfig fields plus HostConfig and
 * NetworkingConfig. Strict everywhere: the engine ignores unknown fields silently, so a
 * misspelt field would otherwise vanish without a word.
 */
import { z } from 'zod';
import { containerConfigFields } from './config.js';
import { hostConfig } from './host-config.js';
import { networkingConfig } from './networking.js';

export const createBody = z
  .strictObject({
    ...containerConfigFields,
    HostConfig: hostConfig.optional(),
    NetworkingConfig: networkingConfig.optional(),
  })
  .describe(
    'The container, as the Engine API\'s ContainerCreateRequest (v1.45), e.g. {"Image": "nginx:1.27", "Cmd": ["nginx", "-g", "daemon off;"], "Env": ["A=1"], "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}, "Memory": 268435456}}',
  );
