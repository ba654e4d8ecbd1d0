export { loadDemoData } from './load-demo.ts';
export { demoPeople, type DemoPerson } from './people.ts';
