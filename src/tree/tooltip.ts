/** Hover tooltips for tree rows. Engine data goes in as text: escaped, never trusted markdown or HTML. */
import * as vscode from 'vscode';

export type TooltipRow = [label: string, value: string | undefined];

export function textTooltip(title: string, subtitle: string | undefined, rows: TooltipRow[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown('**').appendText(title).appendMarkdown('**');
  if (subtitle) md.appendMarkdown(' · ').appendText(subtitle);
  md.appendMarkdown('\n\n');
  for (const [label, value] of rows) {
    if (value) md.appendText(`${label}: `).appendText(value).appendMarkdown('  \n');
  }
  return md;
}
