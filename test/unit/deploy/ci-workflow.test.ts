import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// No runner executes the workflow here; its structure is checked as data, like the Compose file.
const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('.github/workflows/ci.yml', () => {
  const workflow = parse(read('.github/workflows/ci.yml')) as {
    jobs: Record<
      string,
      { needs?: string[]; if?: string; services?: Record<string, unknown>; steps: { run?: string }[] }
    >;
  };
  const runs = (job: string) => (workflow.jobs[job]?.steps ?? []).map((s) => s.run ?? '').join('\n');

  it('has lint and type check, unit, integration, e2e, Docker and deploy jobs', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['static', 'unit', 'integration', 'e2e', 'docker', 'deploy']);
    expect(runs('static')).toContain('npm run typecheck');
    expect(runs('static')).toContain('npm run lint');
  });

  it('runs the integration and fault suites against Postgres and Redis service containers', () => {
    expect(Object.keys(workflow.jobs.integration?.services ?? {})).toEqual(['postgres', 'redis']);
    expect(runs('integration')).toMatch(/jest .*test\/integration test\/faults/);
  });

  it('runs the browser tests on an apt-installed Chromium', () => {
    expect(runs('e2e')).toContain('apt-get install -y -qq chromium');
    expect(runs('e2e')).toMatch(/jest .*test\/e2e/);
  });

  it('deploys only from main, after every other job has passed', () => {
    const deploy = workflow.jobs.deploy;
    expect(deploy?.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(deploy?.needs).toEqual(['static', 'unit', 'integration', 'e2e', 'docker']);
  });
});
