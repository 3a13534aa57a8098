// ECharts' per-part entry points register themselves on import (`use(install)`); they ship no
// typings of their own, and nothing is imported from them.
declare module 'echarts/lib/chart/bar' {}
declare module 'echarts/lib/component/gridSimple' {}
declare module 'echarts/lib/component/graphic' {}
declare module 'echarts/lib/component/legendPlain' {}
