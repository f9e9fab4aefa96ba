/**
 * CARv1 archives (https://ipld.io/specs/transport/car/carv1/): exporting a DAG from a block source
 * and importing a verified archive into a block sink.
 */
package io.airm.ipfs.car;
