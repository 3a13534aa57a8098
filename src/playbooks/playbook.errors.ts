/** One problem found in a playbook definition. */
export interface PlaybookIssue {
  /** Field path such as `stages[2].key` or `transitions[0].to`; empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the source text, when known (syntax errors). */
  line?: number;
}

function formatIssues(issues: PlaybookIssue[]): string {
  return issues
    .map((i) => `${i.path === '' ? '(root)' : i.path}: ${i.message}${i.line !== undefined ? ` (line ${i.line})` : ''}`)
    .join('; ');
}

/** A playbook was refused; `issues` lists every problem with its field path. */
export class PlaybookValidationError extends Error {
  readonly code = 'PLAYBOOK.INVALID' as const;
  readonly issues: PlaybookIssue[];
  readonly source: string | undefined;

  constructor(issues: PlaybookIssue[], source?: string) {
    super(`Invalid playbook${source !== undefined ? ` (${source})` : ''}: ${formatIssues(issues)}`);
    this.name = 'PlaybookValidationError';
    this.issues = issues;
    this.source = source;
  }
}
