import { describe, expect, it } from 'vitest';
import { splitTarget } from './request-target.ts';

describe('splitTarget', () => {
  it.each([
    ['/graphql', { path: '/graphql', search: '' }],
    ['/graphql?query=%7B__typename%7D&x=?', { path: '/graphql', search: '?query=%7B__typename%7D&x=?' }],
    ['/graphql?', { path: '/graphql', search: '?' }],
    ['/a/../graphql', { path: '/a/../graphql', search: '' }],
    ['http://elsewhere.test/graphql', { path: 'http://elsewhere.test/graphql', search: '' }],
  ])('splits %s at the first ?', (target, expected) => {
    expect(splitTarget(target)).toEqual(expected);
  });
});
