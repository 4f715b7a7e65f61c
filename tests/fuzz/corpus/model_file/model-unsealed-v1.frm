filmrecover-model
00000000000003e6
{
 "blobs": [
  {
   "checksum": "fbcd1da8e0eb5f67",
   "name": "weights",
   "size": 31
  }
 ],
 "info": {
  "colourHandling": "Rec.709 Y'CbCr of display-referred R'G'B' [0,1]",
  "date": "2026-12-04T12:00:00Z",
  "detailTarget": "",
  "formatVersion": 1,
  "holdoutFrames": [
   1050
  ],
  "holdoutLoss": 0.013,
  "holdoutPsnr": 36.2,
  "inputChannels": [
   "Y",
   "Cb",
   "Cr"
  ],
  "loss": "l1",
  "mode": "chroma",
  "outputChannels": [
   "Cb",
   "Cr"
  ],
  "pairSettings": {
   "clampHighlights": true,
   "medianPrefilter": 0,
   "mode": "chroma",
   "validArea": {
    "x0": 0,
    "x1": 0,
    "y0": 0,
    "y1": 0
   }
  },
  "preset": "S",
  "residual": true,
  "seed": 7,
  "settings": {
   "batch": 4,
   "lr": 0.002,
   "steps": 200
  },
  "softwareVersion": "0.1.0",
  "source": "scan/plate.####.dpx",
  "steps": 200,
  "target": "work/aligned/aligned.####.exr",
  "trainingFrames": [
   1001,
   1010,
   1024
  ],
  "weightsChecksum": "fbcd1da8e0eb5f67",
  "width": 16
 }
}PK weights of a small network