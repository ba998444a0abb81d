/** File output helpers shared by gradfit's writers: atomic replacement and readable I/O errors. */
package io.gradfit.io;
