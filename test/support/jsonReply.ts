/** A JSON answer from one of the tests' loopback stand-ins for a Microsoft service. */
import type http from 'node:http';

export function jsonReply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
