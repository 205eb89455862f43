// The smallest SQL surface the migrator needs, over one connection (an advisory lock belongs
// to the session that took it, so the migrator must not hop between pooled connections).
export interface SqlSession {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements. */
  exec(script: string): Promise<void>;
  release(): Promise<void>;
}
