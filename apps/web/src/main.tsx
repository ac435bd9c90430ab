import { render } from 'preact';
import { App } from './app';
// vis-timeline's standalone build brings its own styles; ours are scoped under `.timeline` to override them.
import './styles.css';

render(<App />, document.getElementById('app')!);
