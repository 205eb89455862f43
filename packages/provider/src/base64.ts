// Standard base64 (RFC 4648 alphabet, with padding), the contract's Base64 scalar, for
// browsers and Node alike. Decoding is strict: a corrupted update must fail loudly here
// rather than be applied half-decoded (Node's Buffer, for one, silently skips bad input).

// Node's Buffer is ~100x faster than btoa/atob on large updates; browsers do not have it.
interface NodeBuffer {
  from(data: Uint8Array | string, encoding?: 'base64'): Uint8Array & { toString(encoding: 'base64'): string };
}
const NodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

// String.fromCharCode(...bytes) takes its bytes as call arguments, so it is fed in chunks
// that stay well below every engine's argument limit.
const CHUNK = 0x8000;

const WHITESPACE = /[\t\n\f\r ]/;

export function toBase64(bytes: Uint8Array): string {
  if (NodeBuffer) {
    return NodeBuffer.from(bytes).toString('base64');
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  // atob is "forgiving": it accepts missing padding and strips whitespace. Everything else
  // (characters outside the alphabet, '=' anywhere but the end) makes it throw.
  if (text.length % 4 !== 0 || WHITESPACE.test(text)) throw new TypeError('Not standard padded base64');
  if (NodeBuffer) {
    const bytes = NodeBuffer.from(text, 'base64');
    // Buffer skips what it cannot read instead of failing; only a faithful decode
    // re-encodes to the same text.
    if (bytes.toString('base64') !== text) throw new TypeError('Not standard padded base64');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new TypeError('Not standard padded base64');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
