/**
 * The parts of the engine's JSON that this server reads. Fields are optional where engines
 * differ (Podman, older API versions); everything else passes through untouched.
 */

export interface Port {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

export interface ContainerSummary {
  Id: string;
  Names?: string[] | null;
  Image: string;
  ImageID?: string;
  Command?: string;
  Created: number;
  Ports?: Port[] | null;
  SizeRw?: number;
  SizeRootFs?: number;
  Labels?: Record<string, string> | null;
  State: string;
  Status: string;
  HostConfig?: { NetworkMode?: string };
  Mounts?:
    { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean }[] | null;
}

export interface ContainerState {
  Status: string;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
  Health?: {
    Status: string;
    FailingStreak?: number;
    Log?: { ExitCode: number; Output: string; Start?: string; End?: string }[] | null;
  };
}

export interface MountPoint {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination: string;
  Mode?: string;
  RW?: boolean;
}

export interface ContainerInspect {
  Id: string;
  Created: string;
  Path: string;
  Args: string[] | null;
  State: ContainerState;
  Image: string;
  Name: string;
  RestartCount: number;
  Platform?: string;
  SizeRw?: number;
  SizeRootFs?: number;
  Config: {
    Hostname?: string;
    User?: string;
    Tty?: boolean;
    OpenStdin?: boolean;
    StdinOnce?: boolean;
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Image?: string;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, object> | null;
    /** Durations in nanoseconds; 0 or absent: the engine's default. */
    Healthcheck?: {
      Test?: string[] | null;
      Interval?: number;
      Timeout?: number;
      Retries?: number;
      StartPeriod?: number;
    } | null;
    StopSignal?: string;
    /** Seconds stop waits before SIGKILL; the engine's default (10) when absent. */
    StopTimeout?: number | null;
    Volumes?: Record<string, object> | null;
  };
  HostConfig: {
    NetworkMode?: string;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    AutoRemove?: boolean;
    Privileged?: boolean;
    ReadonlyRootfs?: boolean;
    Memory?: number;
    MemorySwap?: number;
    NanoCpus?: number;
    CpuShares?: number;
    PidsLimit?: number | null;
    Binds?: string[] | null;
    Mounts?: { Type?: string; Source?: string; Target?: string }[] | null;
    PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    CapAdd?: string[] | null;
  };
  Mounts: MountPoint[];
  NetworkSettings: {
    Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> | null;
    IPAddress?: string;
    Networks?: Record<string, { IPAddress?: string; Gateway?: string; MacAddress?: string }> | null;
  };
}
