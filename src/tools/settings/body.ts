/**
 * The v1.45 `ContainerCreateRequest`: ContainerConfig fields plus HostConfig and
 * NetworkingConfig. Strict everywhere: the engine ignores unknown fields silently, so a
 * misspelt field would otherwise vanish without a word.
 */
import { z } from 'zod';
import { advertiseBriefly } from '../../mcp/brief.js';
import { containerConfigFields } from './config.js';
import { hostConfig } from './host-config.js';
import { networkingConfig } from './networking.js';

export const createBody = advertiseBriefly(
  z
    .strictObject({
      ...containerConfigFields,
      HostConfig: hostConfig.optional(),
      NetworkingConfig: networkingConfig.optional(),
    })
    .describe(
      'The container, as the Engine API\'s ContainerCreateRequest (v1.45), e.g. {"Image": "nginx:1.27", "Cmd": ["nginx", "-g", "daemon off;"], "Env": ["A=1"], "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}, "Memory": 268435456}}',
    ),
  [
    'Image',
    'Cmd',
    'Entrypoint',
    'Env',
    'WorkingDir',
    'User',
    'Labels',
    'ExposedPorts',
    'Tty',
    'OpenStdin',
    'HostConfig',
  ],
  'The Engine API\'s ContainerCreateRequest (v1.45), e.g. {"Image": "nginx:1.27", "Env": ["A=1"], "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}}. Its other fields (Healthcheck, StopSignal, Hostname, NetworkingConfig, ...) are taken as the API names them, checked as strictly',
);
