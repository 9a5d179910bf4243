/**
 * container_stop with a signal on an engine older than API 1.42, where the server carries
 * the signal out itself (inspect, kill, wait on the long pool, inspect), against what the
 * engine does natively when that signal is the container's own StopSignal (stop, inspect).
 * Both containers run the same shell, which exits on SIGUSR1.
 */
import { BENCH_LABEL, benchContainer, engineCall, TEST_IMAGE } from '../lib/engine.js';
import type { Figure } from '../lib/figure.js';
import { startServer } from '../lib/server.js';
import { median, percentile, timeMs } from '../lib/stats.js';

const SCRIPT = "trap 'exit 0' USR1; while :; do sleep 0.05; done";
const REPS = 30;

export const figure: Figure = {
  name: 'stop-signal',
  title:
    'container_stop {signal: SIGUSR1} through the server vs the engine stopping a container whose StopSignal is SIGUSR1',
  async run() {
    const subjectId = await benchContainer('cmcp-bench-stop-tool', ['sh', '-c', SCRIPT], false);
    const baselineName = 'cmcp-bench-stop-native';
    await engineCall('DELETE', `/containers/${baselineName}?force=1`);
    const created = await engineCall('POST', `/containers/create?name=${baselineName}`, {
      Image: TEST_IMAGE,
      Cmd: ['sh', '-c', SCRIPT],
      StopSignal: 'SIGUSR1',
      Labels: { [BENCH_LABEL]: '1' },
      HostConfig: { NetworkMode: 'none' },
    });
    const { Id: baselineId } = JSON.parse(created.body.toString()) as { Id: string };
    // The stop itself is measured: no confirmation round trip (bench/figures/confirm.ts has it).
    const server = await startServer(['--confirm', 'none']);
    const subject: number[] = [];
    const baseline: number[] = [];
    const stopByTool = async () => {
      const result = await server.client.callTool({
        name: 'container_stop',
        arguments: { id: subjectId, signal: 'SIGUSR1', t: 10 },
      });
      if (result.isError) throw new Error('container_stop failed');
    };
    const stopByEngine = async () => {
      await engineCall('POST', `/containers/${baselineId}/stop?t=10`);
      await engineCall('GET', `/containers/${baselineId}/json`);
    };
    try {
      for (let i = 0; i < REPS; i++) {
        // Starting is not timed; which side goes first alternates.
        await engineCall('POST', `/containers/${subjectId}/start`);
        await engineCall('POST', `/containers/${baselineId}/start`);
        if (i % 2 === 0) {
          subject.push(await timeMs(stopByTool));
          baseline.push(await timeMs(stopByEngine));
        } else {
          baseline.push(await timeMs(stopByEngine));
          subject.push(await timeMs(stopByTool));
        }
      }
    } finally {
      await server.close();
    }
    const baselineLabel = "the engine's own stop with StopSignal=SIGUSR1, then inspect";
    return [
      {
        metric: 'stop with a signal, median',
        subject: median(subject),
        baseline: median(baseline),
        unit: 'ms',
        baselineLabel,
      },
      {
        metric: 'stop with a signal, p90',
        subject: percentile(subject, 90),
        baseline: percentile(baseline, 90),
        unit: 'ms',
        baselineLabel,
      },
    ];
  },
};
