/** Ports for child processes that must be told a number: assigned by the kernel, never guessed. */
import net from 'node:net';

/**
 * A port the kernel just handed out and released. Another process may take it before the child
 * binds it, so callers that start a server on it retry with a new port when binding fails.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}
