/* French locale for plotly.js: labels of the interface and number/date formats.
   Registered here rather than loaded from a CDN. */
Plotly.register({
  moduleType: "locale",
  name: "fr",
  dictionary: {
    "Autoscale": "Échelle automatique",
    "Box Select": "Sélection rectangulaire",
    "Click to enter Colorscale title": "Cliquez pour saisir le titre de l'échelle de couleurs",
    "Click to enter Plot title": "Cliquez pour saisir le titre du graphique",
    "Click to enter X axis title": "Cliquez pour saisir le titre de l'axe des X",
    "Click to enter Y axis title": "Cliquez pour saisir le titre de l'axe des Y",
    "Double-click to zoom back out": "Double-cliquez pour dézoomer",
    "Download plot": "Télécharger le graphique",
    "Download plot as a png": "Télécharger le graphique en PNG",
    "Lasso Select": "Sélection lasso",
    "Pan": "Déplacer",
    "Produced with Plotly.js": "Réalisé avec Plotly.js",
    "Reset axes": "Réinitialiser les axes",
    "Reset view": "Réinitialiser la vue",
    "Show closest data on hover": "Afficher la donnée la plus proche au survol",
    "Compare data on hover": "Comparer les données au survol",
    "Toggle Spike Lines": "Afficher ou masquer les lignes de repère",
    "Zoom": "Zoom",
    "Zoom in": "Zoomer",
    "Zoom out": "Dézoomer",
    "trace": "série",
    "Trace": "Série",
    "total": "total"
  },
  format: {
    days: ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    shortDays: ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
    months: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"],
    shortMonths: ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                  "sept.", "oct.", "nov.", "déc."],
    date: "%d/%m/%Y",
    decimal: ",",
    thousands: "\u202f"
  }
});
