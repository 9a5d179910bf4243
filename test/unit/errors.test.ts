import { describe, expect, it } from 'vitest';
import {
  codeForStatus,
  connectionError,
  EngineError,
  parseEngineMessage,
} from '../../src/engine/errors.js';
import { describeEngineError } from '../../src/mcp/errors.js';

describe('parseEngineMessage', () => {
  it('reads Docker JSON errors', () => {
    expect(
      parseEngineMessage(
        Buffer.from('{"message":"No such container: nope"}\n'),
        'application/json',
      ),
    ).toBe('No such container: nope');
  });
  it('reads Podman errors, which add cause and response', () => {
    const body =
      '{"cause":"no such container","message":"no container with name or ID \\"x\\" found: no such container","response":404}';
    expect(parseEngineMessage(body, 'application/json')).toBe(
      'no container with name or ID "x" found: no such container',
    );
  });
  it('reads text/plain errors (client version too old)', () => {
    expect(
      parseEngineMessage(
        'client version 1.12 is too old. Minimum supported API version is 1.24\n',
        'text/plain; charset=utf-8',
      ),
    ).toBe('client version 1.12 is too old. Minimum supported API version is 1.24');
  });
  it('keeps a body that claims JSON but is not', () => {
    expect(parseEngineMessage('{broken', 'application/json')).toBe('{broken');
  });
  it('gives an empty string for an empty body', () => {
    expect(parseEngineMessage(Buffer.alloc(0))).toBe('');
  });
  it('caps a huge body', () => {
    expect(parseEngineMessage('x'.repeat(10_000)).length).toBeLessThan(2100);
  });
});

describe('codeForStatus', () => {
  it.each([
    [304, 'not_modified'],
    [400, 'bad_request'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'conflict'],
    [500, 'engine'],
    [502, 'engine'],
  ])('%i is %s', (status, code) => expect(codeForStatus(status)).toBe(code));
});

describe('connectionError', () => {
  const withCode = (code: string): Error =>
    Object.assign(new Error(`connect ${code} /x.sock`), { code });
  it('names the address and explains ENOENT', () => {
    const error = connectionError(withCode('ENOENT'), 'unix:///nowhere.sock');
    expect(error.code).toBe('unavailable');
    expect(error.message).toBe(
      'cannot reach the Docker engine at unix:///nowhere.sock (ENOENT: no socket at that path: is Docker running?)',
    );
  });
  it('explains EACCES with the docker group', () => {
    expect(connectionError(withCode('EACCES'), 'unix:///var/run/docker.sock').message).toMatch(
      /docker group/,
    );
  });
  it('words a connection that broke mid-answer as broken, with the errno inside', () => {
    const wrapped = Object.assign(new Error('other side closed'), {
      code: 'UND_ERR_SOCKET',
      cause: withCode('ECONNRESET'),
    });
    expect(connectionError(wrapped, 'tcp://127.0.0.1:2375', 'GET /x')).toMatchObject({
      code: 'interrupted',
      message:
        'the connection to the engine at tcp://127.0.0.1:2375 broke during GET /x (other side closed, ECONNRESET)',
    });
  });

  it('words an engine that went quiet with the idle bound', () => {
    const quiet = Object.assign(new Error('Body Timeout Error'), { code: 'UND_ERR_BODY_TIMEOUT' });
    expect(connectionError(quiet, 'unix:///x.sock', 'GET /y', 2000)).toMatchObject({
      code: 'timeout',
      message:
        'the engine at unix:///x.sock sent nothing for 2 s during GET /y, so the request was aborted (--idle-timeout)',
    });
  });
});

describe('the next step, whichever engine words the error', () => {
  // Seen on Docker 20.10, Docker 26 and Podman 4.3 (docs/ENGINE-NOTES.md).
  it.each([
    [
      'You cannot remove a paused container abc. Unpause and then stop the container before attempting removal or force remove',
      'paused: unpause it',
    ],
    [
      'cannot remove container "/web": container is paused and must be unpaused first',
      'paused: unpause it',
    ],
    [
      'cannot remove container abc as it is paused - running or paused containers cannot be removed without force: container state improper',
      'paused: unpause it',
    ],
    [
      'You cannot remove a running container abc. Stop the container before attempting removal or force remove',
      'running: stop it first',
    ],
    [
      'cannot remove container "/web": container is running: stop the container before removing or force remove',
      'running: stop it first',
    ],
  ])('%s', (message, next) => {
    const text = describeEngineError(new EngineError('conflict', message, { status: 409 }));
    expect(text.split('\n')[1]).toContain(`Next: The container is ${next}`);
    expect(text).toContain('or pass force: true');
  });
});
