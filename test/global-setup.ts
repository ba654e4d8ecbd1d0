/** Says loudly, once, when the PostgreSQL half of the suite cannot run. */
export default function setup(): void {
  if (!process.env.TEST_DATABASE_URL) {
    process.stderr.write(
      '\n*** TEST_DATABASE_URL is not set: every database test runs on SQLite only; the PostgreSQL runs are SKIPPED. ***\n' +
        '*** e.g. TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npm test                              ***\n\n',
    );
  }
}
