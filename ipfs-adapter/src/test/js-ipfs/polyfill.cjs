// js-ipfs 0.66.1 (through its dependencies) calls Promise.withResolvers, which Node adds only in
// version 22; Node 20 needs this stand-in, loaded with NODE_OPTIONS=--require <this file>.
'use strict'
if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers () {
      let resolve
      let reject
      const promise = new this((res, rej) => {
        resolve = res
        reject = rej
      })
      return { promise, resolve, reject }
    }
  })
}
