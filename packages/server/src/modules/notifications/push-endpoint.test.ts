import { describe, expect, it } from 'vitest';
import { isAllowedPushEndpoint } from './push-endpoint.ts';

const hosts = ['fcm.googleapis.com', '*.push.apple.com'];

describe('isAllowedPushEndpoint', () => {
  it.each([
    ['https://fcm.googleapis.com/fcm/send/abc', true],
    ['https://api.push.apple.com/3/device/abc', true],
    ['https://FCM.googleapis.com/x', true],
    // the bare suffix is not a subdomain of itself
    ['https://push.apple.com/x', false],
    ['https://evilpush.apple.com.example.org/x', false],
    ['https://fcm.googleapis.com.evil.org/x', false],
    ['http://fcm.googleapis.com/x', false],
    ['https://user:pw@fcm.googleapis.com/x', false],
    ['https://127.0.0.1/x', false],
    ['https://169.254.169.254/latest/meta-data', false],
    ['not a url', false],
  ])('%s → %s', (endpoint, allowed) => {
    expect(isAllowedPushEndpoint(endpoint, hosts)).toBe(allowed);
  });
});
