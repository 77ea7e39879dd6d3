package io.seiswork.kernels.job;

import io.seiswork.core.grid.Grid;
import io.seiswork.core.segy.ScaleCard;

/**
 * The grid's text-header card of a run's SEG-Y files ({@code shots.sgy}, {@code image.sgy}):
 * {@code GRID 801 x 1 x 401  SPACING 3.125 3.125 6.096 M}. The spacings are printed as given (to
 * 9 significant digits), not rounded to 3, which made 3.125 m "3.13" and 1000 m "1.00e+03".
 */
final class GridCard {

    private GridCard() {
    }

    /** The card's text after its "C n " for grid {@code g}. */
    static String text(Grid g) {
        return "GRID " + g.nx() + " x " + g.ny() + " x " + g.nz() + "  SPACING " + ScaleCard.number(g.dx()) + " "
                + ScaleCard.number(g.dy()) + " " + ScaleCard.number(g.dz()) + " M";
    }
}
