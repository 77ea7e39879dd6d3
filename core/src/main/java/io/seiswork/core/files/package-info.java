/** Small file-system chores shared by the modules (scratch folders). */
package io.seiswork.core.files;
