import { render } from 'preact';
import 'vis-timeline/styles/vis-timeline-graph2d.min.css';
import { App } from './app';
import './styles.css';

render(<App />, document.getElementById('app')!);
