/**
 * Box calls go through plain keep-alive agents unless the environment names a proxy, in which case
 * the SDK's proxy-aware agent is kept.
 */
import http from 'node:http';
import https from 'node:https';
import { directAgentUnlessProxied } from '../../src/box/agent';

describe('directAgentUnlessProxied', () => {
  test('without proxy variables: one keep-alive agent per protocol, reused', () => {
    const agentFor = directAgentUnlessProxied({ PATH: '/usr/bin', NO_PROXY: 'localhost' });
    expect(agentFor).toBeDefined();
    const plain = agentFor!(new URL('http://127.0.0.1:3979/2.0/users/me'));
    const secure = agentFor!(new URL('https://api.box.com/2.0/users/me'));
    expect(plain).toBeInstanceOf(http.Agent);
    expect(secure).toBeInstanceOf(https.Agent);
    expect(plain).not.toBe(secure);
    expect(agentFor!(new URL('https://upload.box.com/api/2.0/files/content'))).toBe(secure);
    expect((plain as http.Agent & { keepAlive?: boolean }).keepAlive).toBe(true);
    expect((secure as https.Agent & { keepAlive?: boolean }).keepAlive).toBe(true);
  });

  test.each(['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'ALL_PROXY', 'npm_config_proxy'])(
    'with %s set: the SDK keeps its own agent',
    (name) => {
      expect(directAgentUnlessProxied({ [name]: 'http://proxy.example:3128' })).toBeUndefined();
    },
  );

  test('an empty proxy variable names no proxy', () => {
    expect(directAgentUnlessProxied({ HTTPS_PROXY: '' })).toBeDefined();
  });
});
