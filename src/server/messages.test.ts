import { describe, expect, it } from 'vitest';
import { pickLocale, t } from './messages.ts';

describe('pickLocale', () => {
  it.each([
    [undefined, undefined, 'zh-CN'],
    ['', undefined, 'zh-CN'],
    ['en', undefined, 'en'],
    ['en-US,en;q=0.9', undefined, 'en'],
    ['EN-gb', undefined, 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'en', 'zh-CN'], // the browser's first choice beats the user setting
    ['zh-TW', undefined, 'zh-CN'],
    ['en;q=0.8', 'zh-CN', 'en'],
    ['fr-FR,fr;q=0.9', undefined, 'zh-CN'], // unsupported: the default
    ['fr-FR,fr;q=0.9', 'en', 'en'], // unsupported: the user's setting
    [undefined, 'en', 'en'],
    [undefined, 'zh-CN', 'zh-CN'],
    [undefined, 'de', 'zh-CN'],
    ['*', null, 'zh-CN'],
  ] as const)('Accept-Language %j, user %j → %s', (header, user, expected) => {
    expect(pickLocale(header, user)).toBe(expected);
  });
});

describe('t', () => {
  it('fills placeholders in each language', () => {
    expect(t('zh-CN', 'auth.locked', { minutes: 15 })).toBe('连续登录失败次数过多，账号已锁定，请于 15 分钟后再试或联系管理员');
    expect(t('en', 'conflict.orgCode', { code: 'A-1' })).toBe('Organization code "A-1" is taken');
  });
  it('leaves a missing placeholder visible rather than printing undefined', () => {
    expect(t('en', 'conflict.username')).toBe('Username "{username}" is taken');
  });
});
