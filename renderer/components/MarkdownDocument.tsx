// The postmortem as it reads: Markdown rendered with raw HTML shown as text and only http(s)
// links, which open outside the app.

import Markdown from 'react-markdown';

interface MdNode {
  type: string;
  children?: MdNode[];
}

/** Raw HTML in a postmortem is shown as the text it is, never as markup (a remark plugin). */
function htmlAsText() {
  const walk = (node: MdNode): void => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(walk);
  };
  return (tree: MdNode): void => walk(tree);
}

/** Links open outside the app, and only http(s) ones are links at all. */
function SafeLink({ href, children }: { href?: string; children?: React.ReactNode }): React.JSX.Element {
  if (href && /^https?:\/\//i.test(href)) {
    return (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    );
  }
  return <span className="inert-link">{children}</span>;
}

export function PostmortemPreview({ title, body }: { title: string; body: string }): React.JSX.Element {
  return (
    <div className="markdown-preview">
      <h1>{title}</h1>
      <Markdown remarkPlugins={[htmlAsText]} components={{ a: SafeLink }}>
        {body}
      </Markdown>
    </div>
  );
}
