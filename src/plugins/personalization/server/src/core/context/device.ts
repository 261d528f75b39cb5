import { UAParser } from 'ua-parser-js';

export type Device = 'mobile' | 'tablet' | 'desktop' | 'unknown';

/** The kind of device a user agent describes; desktop browsers report no device type. */
export const deviceFromUserAgent = (userAgent: string | undefined): Device => {
  if (!userAgent) return 'unknown';
  const type = new UAParser(userAgent).getDevice().type;
  if (type === 'mobile' || type === 'wearable') return 'mobile';
  if (type === 'tablet') return 'tablet';
  return type === undefined ? 'desktop' : 'unknown';
};
