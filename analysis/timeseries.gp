# timeseries.gp: four panels of a partysim run's timeseries.csv, with gnuplot (5.x).
#
#   gnuplot -e "run='out/m1'" analysis/timeseries.gp      # writes out/m1/timeseries_gnuplot.png
#   gnuplot -e "run='out/m1'; out='m1.png'" analysis/timeseries.gp
#
# timeseries.csv is a CSV with a header (columns are picked by name), the first column the month
# YYYY-MM, and an empty field where a mean was over nobody (drawn as a gap). Uses the pngcairo
# terminal, or png where gnuplot was built without cairo.

if (!exists("run")) {
    print "timeseries.gp: say which run folder: gnuplot -e \"run='out/m1'\" analysis/timeseries.gp"
    exit status 2
}
data = run . "/timeseries.csv"
if (system("test -r '" . data . "' && echo yes") ne "yes") {
    print "timeseries.gp: " . run . " is not a partysim run folder (no timeseries.csv)"
    exit status 2
}
if (!exists("out")) out = run . "/timeseries_gnuplot.png"

if (strstrt(GPVAL_TERMINALS, "pngcairo") > 0) {
    set terminal pngcairo size 1400,1000 enhanced font "sans,10"
} else {
    set terminal png size 1400,1000 enhanced
}
set output out

set datafile separator comma
# A measure by column name; an empty field (no value this month) is NaN, which breaks the line
# (gnuplot would otherwise skip the row and draw the line across the gap).
v(name) = strcol(name) eq "" ? NaN : column(name)
set key noenhanced top right
set autoscale xfix
set xdata time
set timefmt "%Y-%m"
set format x "%Y"
set xlabel "date"
set grid
set style data lines

# The title names the run's folder, not the path to it.
set multiplot layout 2,2 title "partysim run " . system("basename '" . run . "'") noenhanced

# A share or a count starts at zero: its axis keeps the zero (autoscale would cut it off).
set title "Membership"
set ylabel "members (share of households)"
set y2label "applications (count/month)"
set ytics nomirror
set y2tics
set yrange [0:*]
set y2range [0:*]
plot data using 1:(v("member_share")) title "member share" axes x1y1 lw 2 lc rgb "#c0392b", \
     data using 1:(v("applications")) title "applications" axes x1y2 lw 1 lc rgb "#555555"
unset y2label
unset y2tics
set ytics mirror
set autoscale y
set autoscale y2

set title "Entry price quoted, mean over cells"
set ylabel "entry price quoted (USD, log scale)"
set logscale y
plot data using 1:(v("entry_price_quoted_mean_usd")) title "entry price quoted, mean" lw 2 lc rgb "#6c3483"
unset logscale y

set title "Market income: members vs outsiders"
set ylabel "market income, mean (USD/month)"
set yrange [0:*]
plot data using 1:(v("market_income_mean_member_usd")) title "members" lw 2 lc rgb "#c0392b", \
     data using 1:(v("market_income_mean_outsider_usd")) title "outsiders" lw 2 lc rgb "#2471a3"

set title "Mean bribe when caught"
set ylabel "mean bribe (USD)"
plot data using 1:(v("bribe_mean_member_usd")) title "members" lw 1.5 lc rgb "#c0392b", \
     data using 1:(v("bribe_mean_other_usd")) title "others" lw 1.5 lc rgb "#2471a3"

unset multiplot
unset output
print "timeseries.gp: wrote " . out
