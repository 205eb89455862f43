// Strict standard base64 (RFC 4648 alphabet, with padding), as the contract's Base64 scalar
// says. Buffer.from(s, 'base64') silently skips characters it does not know, so a malformed
// string would decode to garbage instead of being rejected: check the shape first.
import { badInput } from './errors.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeBase64(value: string, what = 'value'): Uint8Array {
  if (!BASE64.test(value)) {
    throw badInput(`${what} is not valid base64 (standard alphabet, padded to a multiple of 4 characters)`);
  }
  const buffer = Buffer.from(value, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
