import { LitElement, html } from 'lit';
import MarkdownIt from 'markdown-it';
import DOMPurify from 'dompurify';
class App extends LitElement { render() { return html`<p>hi ${DOMPurify.sanitize(new MarkdownIt().render('# x'))}</p>`; } }
customElements.define('sl-app', App);
