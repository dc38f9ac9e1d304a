// Markdown shown as a readable document — postmortems, their import preview, the load reviews:
// proportional type, headings, GFM tables, links. Raw HTML is shown as the text it is, never as
// markup, and only http(s) links are links (they open outside the app). It scrolls on its own,
// so it takes focus (keyboard scrolling) and names itself.

import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import './markdown-document.css';

interface MdNode {
  type: string;
  children?: MdNode[];
}

/** Raw HTML in a document is shown as the text it is, never as markup (a remark plugin). */
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

/** Images would load from anywhere: their description is shown instead. */
function NoImage({ alt }: { alt?: string }): React.JSX.Element {
  return <span className="inert-image">{alt ? `[image: ${alt}]` : '[image]'}</span>;
}

export function MarkdownDocument({
  markdown,
  label,
  title,
  className,
}: {
  markdown: string;
  /** What the document is, for assistive technology ("Postmortem preview"). */
  label: string;
  /** A heading above the text (the postmortem's title). */
  title?: string;
  className?: string;
}): React.JSX.Element {
  return (
    <article className={`markdown-document ${className ?? ''}`} tabIndex={0} aria-label={label}>
      {title !== undefined && <h1>{title}</h1>}
      <Markdown remarkPlugins={[remarkGfm, htmlAsText]} components={{ a: SafeLink, img: NoImage }}>
        {markdown}
      </Markdown>
    </article>
  );
}
