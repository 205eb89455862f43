// Why the browser cannot use the API. A request the API refuses by CORS fails in the browser
// exactly like one to a server that is down; a no-cors request tells them apart, because it
// succeeds (with an unreadable answer) whenever the server answers at all.
export type ApiProblem = 'unreachable' | 'origin-refused';

export async function diagnoseApi(apiUrl: string): Promise<ApiProblem> {
  try {
    await fetch(apiUrl, { mode: 'no-cors', cache: 'no-store' });
    return 'origin-refused';
  } catch {
    return 'unreachable';
  }
}
